import "../workspace.css";
import { may } from "../../api/session-state.ts";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { ChannelSettings } from "./ChannelSettings.tsx";
import { EndpointSettings } from "./EndpointSettings.tsx";
import { PolicySettings } from "./PolicySettings.tsx";
import { SenderSettings } from "./SenderSettings.tsx";

/** The workspace's settings: the delivery policy, sender identities, webhook endpoints and channels' accounts. */
export function SettingsPage() {
  return (
    <div className="list-page">
      <WorkspaceNav current="settings" />
      <main className="list-main settings-main">
        <h1>Settings</h1>
        {!may("settings.manage") && (
          <p className="muted page-intro">Your role can see the settings; only admins and owners change them.</p>
        )}
        <PolicySettings />
        <SenderSettings />
        <EndpointSettings />
        <ChannelSettings />
      </main>
    </div>
  );
}
