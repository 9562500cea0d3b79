import "../workspace.css";
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
