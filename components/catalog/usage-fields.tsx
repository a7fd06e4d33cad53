import { useCallback, useState } from "react";
import { Field, inputCls } from "@/components/ui/field";
import { NumberField, parseNumberInput } from "@/components/ui/number-field";
import { MAX_HOURS_PER_MONTH } from "@/lib/catalog/estimate";
import { GPU_MODELS, type GpuModel } from "@/lib/catalog/types";

/** A month's use as typed: counts stay text so an empty field reads as missing, not zero. */
export interface Usage {
  gpu: GpuModel;
  count: string;
  hoursRunning: string;
  hoursPaused: string;
}

export const parseUsage = (u: Usage) => ({
  gpu: u.gpu,
  count: parseNumberInput(u.count),
  hoursRunning: parseNumberInput(u.hoursRunning),
  hoursPaused: parseNumberInput(u.hoursPaused),
});

/** The usage as typed, and a setter that takes only the fields that changed. */
export function useUsage(initial: Usage) {
  const [usage, setUsage] = useState(initial);
  const update = useCallback((patch: Partial<Usage>) => setUsage((u) => ({ ...u, ...patch })), []);
  return [usage, update] as const;
}

const HOURS = [
  { field: "hoursRunning", id: "run", word: "running" },
  { field: "hoursPaused", id: "paused", word: "paused" },
] as const;

interface UsageFieldsProps {
  /** Prefix of the inputs' ids, one per form on a page. */
  idPrefix: string;
  /** How the hour labels say "a month": "/ month" in the estimator's narrow grid, "per month" elsewhere. */
  perMonth: string;
  value: Usage;
  onChange: (patch: Partial<Usage>) => void;
  /** Messages by field, from validateEstimate (whose bounds the inputs repeat). */
  errors: Partial<Record<string, string>>;
}

/** GPU model, GPU count, and hours running and paused a month: what the estimator and the recommender price. */
export function UsageFields({ idPrefix, perMonth, value, onChange, errors }: UsageFieldsProps) {
  return (
    <>
      <Field label="GPU model" htmlFor={`${idPrefix}-gpu`}>
        <select
          id={`${idPrefix}-gpu`}
          className={inputCls}
          value={value.gpu}
          onChange={(e) => onChange({ gpu: e.target.value as GpuModel })}
        >
          {GPU_MODELS.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </Field>
      <NumberField
        id={`${idPrefix}-count`}
        label="GPUs"
        min={1}
        max={8}
        value={value.count}
        onChange={(count) => onChange({ count })}
        error={errors.count}
      />
      {HOURS.map(({ field, id, word }) => (
        <NumberField
          key={field}
          id={`${idPrefix}-${id}`}
          label={`Hours ${word} ${perMonth}`}
          min={0}
          max={MAX_HOURS_PER_MONTH}
          value={value[field]}
          onChange={(v) => onChange({ [field]: v })}
          error={errors[field]}
        />
      ))}
    </>
  );
}
