import { errorProps, Field, inputCls, type FieldProps } from "./field";

type Options = readonly { value: string; label: string }[];

/** A select styled like the other inputs; alone, inside a Field that holds more than the select. */
export function Select({
  options,
  className = inputCls,
  ...select
}: { options: Options } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <select className={className} {...select}>
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** A labelled select with its error. */
export function SelectField({
  label,
  id,
  error,
  hint,
  ...select
}: FieldProps & { options: Options } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <Select id={id} {...errorProps(id, error)} {...select} />
    </Field>
  );
}
