// The channels' steps (palette, panels, the journey schema) are registered before the editor renders.
import "@overture/channels/browser";
import "@xyflow/react/dist/style.css";
import "./styles.css";
import { createRoot } from "react-dom/client";
import { App } from "./App.tsx";

const root = document.getElementById("root");
if (root) createRoot(root).render(<App />);
