import { useMemo, useState } from "react";
import type { ContentItem, ContentUsage } from "../../api/library-api.ts";
import { usageSummary } from "./UsageList.tsx";

/** The library as a searchable table; picking a row opens it in the form beside. */
export function ContentLibrary(props: {
  items: ContentItem[];
  usage: ContentUsage;
  selected: string | null;
  onOpen: (item: ContentItem) => void;
}) {
  const [search, setSearch] = useState("");
  const shown = useMemo(() => {
    const needle = search.trim().toLowerCase();
    return props.items.filter(
      (i) => !needle || [i.title, i.summary, i.id, ...i.topics].some((t) => t.toLowerCase().includes(needle)),
    );
  }, [props.items, search]);
  return (
    <div>
      <div className="toolbar">
        <input
          className="search"
          type="search"
          aria-label="Search content"
          placeholder="Search titles, summaries, topics"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
        />
        <span className="muted">
          {shown.length === props.items.length
            ? `${props.items.length} items`
            : `${shown.length} of ${props.items.length} items`}
        </span>
      </div>
      {props.items.length === 0 ? (
        <p className="empty-state">The library is empty: add the first item.</p>
      ) : shown.length === 0 ? (
        <p className="empty-state">No item matches “{search}”.</p>
      ) : (
        <table className="journey-table" aria-label="Content library">
          <thead>
            <tr>
              <th>Item</th>
              <th>Topics</th>
              <th>Used in</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((item) => {
              const uses = props.usage.content[item.id] ?? [];
              return (
                <tr key={item.id} className={props.selected === item.id ? "selected" : undefined}>
                  <td>
                    <div className="item-cell">
                      {item.imageUrl ? (
                        <img className="thumb" src={item.imageUrl} alt="" />
                      ) : (
                        <span className="thumb thumb-empty">{item.type.slice(0, 1).toUpperCase()}</span>
                      )}
                      <div>
                        <button type="button" className="link journey-link" onClick={() => props.onOpen(item)}>
                          {item.title}
                        </button>
                        <div className="row-sub clamp">{item.summary || item.type}</div>
                      </div>
                    </div>
                  </td>
                  <td>
                    {item.topics.map((t) => (
                      <span key={t} className="tag">
                        {t}
                      </span>
                    ))}
                  </td>
                  <td className={uses.length ? undefined : "muted"}>{usageSummary(uses)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
