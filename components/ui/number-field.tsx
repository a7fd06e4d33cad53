import { Field, inputCls } from "./field";

/** A number input's text as a number; an empty field is missing (NaN), not zero. */
export const parseNumberInput = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

interface NumberFieldProps {
  id: string;
  label: string;
  /** The text as typed, so a half-typed or empty value stays what the user sees. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  min?: number;
  max?: number;
}

/** A labelled number input marked invalid while it has an error. */
export function NumberField({ id, label, value, onChange, error, hint, min, max }: NumberFieldProps) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <input id={id} type="number" min={min} max={max} className={inputCls} value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={!!error} />
    </Field>
  );
}
