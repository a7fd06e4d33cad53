import type { Source } from "@/lib/catalog/types";

export function SourceLine({ source }: { source: Source }) {
  return (
    <span className="text-xs text-slate-600">
      Source:{" "}
      {source.url ? (
        <a href={source.url} className="underline" rel="noreferrer">
          {source.label}
        </a>
      ) : (
        source.label
      )}
      {source.date ? ` (${source.date})` : ""}
      {source.quote ? (
        <>
          {": "}
          <q className="italic">{source.quote}</q>
        </>
      ) : null}
    </span>
  );
}

/** Each source on a line of its own. */
export function SourceLines({ sources }: { sources: Source[] }) {
  return (
    <>
      {sources.map((s) => (
        <p key={s.label}>
          <SourceLine source={s} />
        </p>
      ))}
    </>
  );
}
