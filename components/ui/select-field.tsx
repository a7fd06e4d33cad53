import { errorProps, Field, inputCls, type FieldProps } from "./field";

/** A labelled select with its error. */
export function SelectField({ label, id, error, hint, options, className = inputCls, ...select }: FieldProps & { options: readonly { value: string; label: string }[] } & React.SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <select id={id} className={className} {...errorProps(id, error)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </Field>
  );
}
