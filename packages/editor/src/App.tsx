import { useEffect, useState } from "react";
import { loadApiKey, rememberApiKey } from "./api/api-client.ts";
import { ContentPage } from "./pages/content/ContentPage.tsx";
import { JourneyEditorPage } from "./pages/JourneyEditorPage.tsx";
import { JourneyListPage } from "./pages/JourneyListPage.tsx";
import { parseRoute } from "./route.ts";
import { AuditPage } from "./workspace/audit/AuditPage.tsx";
import { DeliveriesPage } from "./workspace/deliveries/DeliveriesPage.tsx";
import { KeysPage } from "./workspace/keys/KeysPage.tsx";
import { SettingsPage } from "./workspace/settings/SettingsPage.tsx";
import { TemplatesPage } from "./workspace/templates/TemplatesPage.tsx";

/** The editor: asks for a key when the server does not hand one out, then shows the page the hash names. */
export function App() {
  const [route, setRoute] = useState(() => parseRoute(location.hash));
  const [key, setKey] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    const onHash = () => setRoute(parseRoute(location.hash));
    addEventListener("hashchange", onHash);
    loadApiKey().then(setKey);
    return () => removeEventListener("hashchange", onHash);
  }, []);

  if (key === undefined) return <div className="centered muted">Loading…</div>;
  if (key === null)
    return (
      <KeyForm
        onKey={(k) => {
          rememberApiKey(k);
          setKey(k);
        }}
      />
    );
  if (route.page === "journey")
    return (
      <JourneyEditorPage
        key={`${route.journeyId}/${route.version ?? ""}`}
        journeyId={route.journeyId}
        version={route.version}
      />
    );
  if (route.page === "content") return <ContentPage />;
  if (route.page === "templates") return <TemplatesPage key={route.templateId ?? ""} templateId={route.templateId} />;
  if (route.page === "deliveries") return <DeliveriesPage seq={route.seq} />;
  if (route.page === "settings") return <SettingsPage />;
  if (route.page === "keys") return <KeysPage />;
  if (route.page === "audit") return <AuditPage />;
  // The journeys list (`#/`, `#/journeys`).
  return <JourneyListPage />;
}

function KeyForm({ onKey }: { onKey: (key: string) => void }) {
  const [value, setValue] = useState("");
  return (
    <form
      className="centered key-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (value.trim()) onKey(value.trim());
      }}
    >
      <h1>Overture</h1>
      <p className="muted">
        Paste the workspace's secret key (printed by <code>overture serve</code> when it created it). It is kept for
        this tab only.
      </p>
      <input
        aria-label="Secret key"
        type="password"
        autoComplete="off"
        value={value}
        onChange={(e) => setValue(e.target.value)}
        placeholder="ovt_sk_…"
      />
      <button type="submit" className="primary">
        Open the editor
      </button>
    </form>
  );
}
