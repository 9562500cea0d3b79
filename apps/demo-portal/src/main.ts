import { openPortal, type Portal, savedSession, saveSession } from "./app-state.ts";
import { type DemoSession, demoApi } from "./demo-api.ts";
import { renderShell } from "./views/shell.ts";
import { renderSignIn } from "./views/sign-in.ts";

/** The demo portal's entry point: sign-in, then the signed-in layout. Every product call goes through the SDK. */
const root = document.getElementById("app") as HTMLElement;
let portal: Portal | null = null;

async function signedIn(session: DemoSession, fresh: boolean): Promise<void> {
  saveSession(session);
  portal = openPortal(session, await demoApi.clock());
  const { customer } = session;
  await portal.sdk.identify(session.customerId, {
    token: session.token,
    traits: fresh ? { firstName: customer.firstName, email: customer.email } : undefined,
  });
  if (fresh) await portal.sdk.track("portal.login");
  if (!location.hash) location.hash = "#/dashboard";
  renderShell(root, portal, signOut);
}

function signOut(): void {
  root.dispatchEvent(new Event("portal:signout"));
  void portal?.sdk.flush();
  portal?.sdk.reset();
  portal = null;
  saveSession(null);
  location.hash = "";
  renderSignIn(root, (session) => void signedIn(session, true));
}

const saved = savedSession();
if (saved) void signedIn(saved, false).catch(() => signOut());
else renderSignIn(root, (session) => void signedIn(session, true));
