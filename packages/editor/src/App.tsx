import { lazy, Suspense, useEffect, useState } from "react";
import { AcceptInvitationPage } from "./account/AcceptInvitationPage.tsx";
import { parseAccountRoute } from "./account/account-route.ts";
import { FirstRunPage } from "./account/FirstRunPage.tsx";
import { ResetPasswordPage } from "./account/ResetPasswordPage.tsx";
import { SignInPage } from "./account/SignInPage.tsx";
import { useAccess } from "./account/use-access.ts";
import { rememberApiKey } from "./api/api-client.ts";
import { ContentPage } from "./pages/content/ContentPage.tsx";
import { JourneyEditorPage } from "./pages/JourneyEditorPage.tsx";
import { JourneyListPage } from "./pages/JourneyListPage.tsx";
import { parseRoute } from "./route.ts";
import { ApprovalsPage } from "./workspace/approvals/ApprovalsPage.tsx";
import { AudiencesPage } from "./workspace/audiences/AudiencesPage.tsx";
import { AuditPage } from "./workspace/audit/AuditPage.tsx";
import { DeliveriesPage } from "./workspace/deliveries/DeliveriesPage.tsx";
import { KeysPage } from "./workspace/keys/KeysPage.tsx";
import { MembersPage } from "./workspace/members/MembersPage.tsx";
import { SettingsPage } from "./workspace/settings/SettingsPage.tsx";
import { TemplatesPage } from "./workspace/templates/TemplatesPage.tsx";

// The report screens carry the charting library: loaded when a report is first opened, not with the canvas.
const JourneyReportPage = lazy(() =>
  import("./report/JourneyReportPage.tsx").then((m) => ({ default: m.JourneyReportPage })),
);
const ReportsOverviewPage = lazy(() =>
  import("./report/ReportsOverviewPage.tsx").then((m) => ({ default: m.ReportsOverviewPage })),
);

/**
 * The editor: with the key a demo server hands out, or as a member signed in (the sign-in or first-run screen until
 * then; the old key form on request), then the page the hash names.
 */
export function App() {
  const [hash, setHash] = useState(location.hash);
  const { access, refresh, showKeyForm } = useAccess();
  useEffect(() => {
    const onHash = () => setHash(location.hash);
    addEventListener("hashchange", onHash);
    return () => removeEventListener("hashchange", onHash);
  }, []);
  const route = parseRoute(hash);
  const account = parseAccountRoute(hash);

  if (access.kind === "loading") return <div className="centered muted">Loading…</div>;
  if (access.kind === "key-form")
    return (
      <KeyForm
        onKey={(k) => {
          rememberApiKey(k);
          refresh();
        }}
      />
    );
  const signedOut = access.kind === "signed-out";
  if (account?.page === "reset-password")
    return <ResetPasswordPage key={account.token ?? ""} token={account.token} onSignedIn={refresh} />;
  if (account?.page === "invitation" && access.kind !== "key")
    return <AcceptInvitationPage token={account.token} onSignedIn={refresh} />;
  if (signedOut && access.setupNeeded) return <FirstRunPage onSignedIn={refresh} onUseKey={showKeyForm} />;
  if (signedOut)
    return (
      <SignInPage
        ssoError={account?.page === "sign-in" ? account.ssoError : undefined}
        onSignedIn={() => {
          if (account) location.hash = "#/";
          refresh();
        }}
        onUseKey={showKeyForm}
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
  if (route.page === "audiences") return <AudiencesPage segmentId={route.segmentId} />;
  if (route.page === "journey-report")
    return (
      <Suspense fallback={<div className="centered muted">Loading…</div>}>
        <JourneyReportPage key={route.journeyId} journeyId={route.journeyId} />
      </Suspense>
    );
  if (route.page === "reports")
    return (
      <Suspense fallback={<div className="centered muted">Loading…</div>}>
        <ReportsOverviewPage />
      </Suspense>
    );
  if (route.page === "content") return <ContentPage />;
  if (route.page === "templates") return <TemplatesPage key={route.templateId ?? ""} templateId={route.templateId} />;
  if (route.page === "deliveries") return <DeliveriesPage seq={route.seq} />;
  if (route.page === "approvals") return <ApprovalsPage key={route.requestId ?? ""} requestId={route.requestId} />;
  if (route.page === "settings") return <SettingsPage />;
  if (route.page === "members") return <MembersPage />;
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
