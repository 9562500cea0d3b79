import { describeEvent, type SimulationBehaviours, SimulationDelay } from "@overture/core";
import { SimulatedValuesInput } from "./SimulatedValuesInput.tsx";

type EventBehaviour = SimulationBehaviours["events"][number];

/** Whether a behaviour's numbers and delays can be run: shares 0–100 %, delays like "0m", "3d". */
export function behavioursValid(behaviours: SimulationBehaviours): boolean {
  return behaviours.events.every(
    (e) =>
      Number.isFinite(e.share) &&
      e.share >= 0 &&
      e.share <= 100 &&
      SimulationDelay.safeParse(e.delay.from).success &&
      SimulationDelay.safeParse(e.delay.to).success,
  );
}

/**
 * What the simulated customers do (each event the journey uses: the share of customers who do it, when, and the
 * values of the properties it tests) and who they are (each profile attribute it tests), as an editable table.
 */
export function SimulationBehavioursTable(props: {
  behaviours: SimulationBehaviours;
  onChange: (behaviours: SimulationBehaviours) => void;
}) {
  const { behaviours, onChange } = props;
  const setEvent = (index: number, edit: Partial<EventBehaviour>) =>
    onChange({ ...behaviours, events: behaviours.events.map((e, i) => (i === index ? { ...e, ...edit } : e)) });
  return (
    <div className="simulation-behaviours">
      <table aria-label="Simulated events">
        <thead>
          <tr>
            <th>Event</th>
            <th>Share of customers</th>
            <th>When</th>
          </tr>
        </thead>
        {behaviours.events.map((e, i) => {
          const name = describeEvent(e.event);
          const delayInput = (end: "from" | "to") => (
            <input
              type="text"
              className={SimulationDelay.safeParse(e.delay[end]).success ? "delay" : "delay invalid"}
              aria-label={`When ${name} happens: ${end}`}
              value={e.delay[end]}
              onChange={(ev) => setEvent(i, { delay: { ...e.delay, [end]: ev.target.value.trim() } })}
            />
          );
          return (
            <tbody key={e.event}>
              <tr>
                <td>
                  <b>{name}</b>
                  <div className="muted">{e.why.join("; ")}</div>
                </td>
                <td>
                  <input
                    type="number"
                    min={0}
                    max={100}
                    aria-label={`Share who do ${name}`}
                    value={Number.isFinite(e.share) ? e.share : ""}
                    onChange={(ev) => setEvent(i, { share: ev.target.valueAsNumber })}
                  />{" "}
                  %
                </td>
                <td>
                  {delayInput("from")} to {delayInput("to")}
                  <div className="muted">{e.entry ? "after the simulation starts" : "after entering"}</div>
                </td>
              </tr>
              {e.properties.map((p, k) => (
                <tr key={p.property} className="simulated-property">
                  <td>
                    <span className="muted">with</span> {p.property}
                  </td>
                  <td colSpan={2}>
                    <SimulatedValuesInput
                      label={`${name} ${p.property}`}
                      values={p.values}
                      onChange={(values) =>
                        setEvent(i, { properties: e.properties.map((q, j) => (j === k ? { ...q, values } : q)) })
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          );
        })}
      </table>
      {behaviours.attributes.length > 0 && (
        <table aria-label="Simulated profiles">
          <thead>
            <tr>
              <th>Profile attribute</th>
              <th>Values</th>
            </tr>
          </thead>
          <tbody>
            {behaviours.attributes.map((a, i) => (
              <tr key={a.attribute}>
                <td>
                  <b>{a.attribute}</b>
                  <div className="muted">{a.why.join("; ")}</div>
                </td>
                <td>
                  <SimulatedValuesInput
                    label={a.attribute}
                    values={a.values}
                    onChange={(values) =>
                      onChange({
                        ...behaviours,
                        attributes: behaviours.attributes.map((b, j) => (j === i ? { ...b, values } : b)),
                      })
                    }
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
