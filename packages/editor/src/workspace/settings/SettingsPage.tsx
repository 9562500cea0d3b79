import "../workspace.css";
import { may } from "../../api/session-state.ts";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { ApprovalSettings } from "./ApprovalSettings.tsx";
import { ChannelSettings } from "./ChannelSettings.tsx";
import { EndpointSettings } from "./EndpointSettings.tsx";
import { PolicySettings } from "./PolicySettings.tsx";
import { RetentionSettings } from "./RetentionSettings.tsx";
import { SenderSettings } from "./SenderSettings.tsx";

/** The workspace's settings: approvals, the delivery policy, sender identities, webhook endpoints, channels' accounts, data retention. */
export function SettingsPage() {
  return (
    <div className="list-page">
      <WorkspaceNav current="settings" />
      <main className="list-main settings-main">
        <h1>Settings</h1>
        {!may("settings.manage") && (
          <p className="muted page-intro">Your role can see the settings; only admins and owners change them.</p>
        )}
        <ApprovalSettings />
        <PolicySettings />
        <SenderSettings />
        <EndpointSettings />
        <ChannelSettings />
        <RetentionSettings />
      </main>
    </div>
  );
}
