import "../workspace.css";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { EndpointSettings } from "./EndpointSettings.tsx";
import { PolicySettings } from "./PolicySettings.tsx";
import { SenderSettings } from "./SenderSettings.tsx";

/** The workspace's settings: the delivery policy, webhook endpoints and sender identities. */
export function SettingsPage() {
  return (
    <div className="list-page">
      <WorkspaceNav current="settings" />
      <main className="list-main settings-main">
        <h1>Settings</h1>
        <PolicySettings />
        <SenderSettings />
        <EndpointSettings />
      </main>
    </div>
  );
}
