import { useCallback, useEffect, useState } from "react";
import { type ContentItem, type ContentUsage, libraryApi, type Slot } from "../../api/library-api.ts";
import { WorkspacePageFrame } from "../WorkspaceNav.tsx";
import { ContentForm } from "./ContentForm.tsx";
import { ContentLibrary } from "./ContentLibrary.tsx";
import { SlotsView } from "./SlotsView.tsx";

type Tab = "library" | "slots";

/** The content screen (`#/content`): the library and the slots, each with where it is used. */
export function ContentPage() {
  const [tab, setTab] = useState<Tab>("library");
  const [items, setItems] = useState<ContentItem[] | null>(null);
  const [slots, setSlots] = useState<Slot[]>([]);
  const [usage, setUsage] = useState<ContentUsage>({ content: {}, slots: {} });
  const [open, setOpen] = useState<ContentItem | "new" | null>(null);
  const [openSlot, setOpenSlot] = useState<Slot | "new" | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = useCallback(async () => {
    const [list, slotList, uses] = await Promise.all([
      libraryApi.listContent(),
      libraryApi.listSlots(),
      libraryApi.usage(),
    ]);
    setItems(list);
    setSlots(slotList);
    setUsage(uses);
  }, []);
  useEffect(() => {
    load().catch((e: Error) => setError(e.message));
  }, [load]);

  return (
    <WorkspacePageFrame current="content">
      <div className="page-head">
        <div>
          <h1>Content</h1>
          <p className="muted">What your portal lists, slots show and recommendations pick from.</p>
        </div>
        {tab === "library" ? (
          <button type="button" className="primary" onClick={() => setOpen("new")}>
            New content item
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => setOpenSlot("new")}>
            New slot
          </button>
        )}
      </div>
      <div className="segmented page-tabs" role="tablist" aria-label="Content">
        {(["library", "slots"] as const).map((t) => (
          <button key={t} type="button" role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
            {t === "library" ? "Library" : "Slots"}
            <span className="count">{t === "library" ? (items?.length ?? 0) : slots.length}</span>
          </button>
        ))}
      </div>
      {error && (
        <p className="error-text" role="alert">
          {error}
        </p>
      )}
      {items === null ? null : tab === "library" ? (
        <div className="split-view">
          <ContentLibrary
            items={items}
            usage={usage}
            selected={open === "new" ? null : (open?.id ?? null)}
            onOpen={setOpen}
          />
          {open && (
            <ContentForm
              key={open === "new" ? "new" : open.id}
              item={open === "new" ? null : open}
              uses={open === "new" ? [] : (usage.content[open.id] ?? [])}
              onClose={() => setOpen(null)}
              onSaved={(saved) => {
                setOpen(saved);
                load().catch((e: Error) => setError(e.message));
              }}
            />
          )}
        </div>
      ) : (
        <SlotsView
          slots={slots}
          items={items}
          usage={usage}
          open={openSlot}
          setOpen={setOpenSlot}
          onSaved={() => load().catch((e: Error) => setError(e.message))}
        />
      )}
    </WorkspacePageFrame>
  );
}
