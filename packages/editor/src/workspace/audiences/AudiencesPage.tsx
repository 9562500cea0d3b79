import "../workspace.css";
import "./audiences.css";
import { WorkspaceNav } from "../../pages/WorkspaceNav.tsx";
import { SegmentList } from "./SegmentList.tsx";
import { SegmentPage } from "./SegmentPage.tsx";

/** The Audiences screen (issue 14): the segments, or one segment opened (`segmentId`, "new" for a new one). */
export function AudiencesPage({ segmentId }: { segmentId?: string | undefined }) {
  return (
    <div className="list-page">
      <WorkspaceNav current="audiences" />
      {segmentId ? <SegmentPage key={segmentId} segmentId={segmentId} /> : <SegmentList />}
    </div>
  );
}
