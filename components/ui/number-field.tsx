import { Field, inputCls } from "./field";

/** A number input's text as a number; an empty field is missing (NaN), not zero. */
export const parseNumberInput = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

interface ValueFieldProps {
  id: string;
  label: string;
  /** The text as typed, so a half-typed or empty value stays what the user sees. */
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  type?: "text" | "number";
  min?: number;
  max?: number;
  disabled?: boolean;
}

/** A labelled input whose text lives in the page's state, marked invalid while it has an error. */
export function ValueField({ id, label, value, onChange, error, hint, ...input }: ValueFieldProps) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <input
        id={id}
        className={inputCls}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={!!error}
        {...input}
      />
    </Field>
  );
}

/** A labelled number input marked invalid while it has an error. */
export function NumberField(props: Omit<ValueFieldProps, "type">) {
  return <ValueField type="number" {...props} />;
}
