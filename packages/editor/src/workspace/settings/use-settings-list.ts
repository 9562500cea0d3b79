import { useCallback, useEffect, useState } from "react";
import { ApiError } from "../../api/api-client.ts";

/**
 * A settings list kept in step with the API: loaded once, loaded again after each change. `act` runs a change (make
 * default, delete) and shows a refusal as the list's message instead of failing silently.
 */
export function useSettingsList<T>(list: () => Promise<T[]>) {
  const [items, setItems] = useState<T[]>([]);
  const [message, setMessage] = useState<string | null>(null);
  const load = useCallback(
    () =>
      list()
        .then(setItems)
        .catch(() => {}),
    [list],
  );
  useEffect(() => void load(), [load]);
  const act = async (call: Promise<unknown>) => {
    setMessage(null);
    try {
      await call;
      await load();
    } catch (e) {
      setMessage(e instanceof ApiError ? e.message : String(e));
    }
  };
  return { items, load, act, message, setMessage };
}
