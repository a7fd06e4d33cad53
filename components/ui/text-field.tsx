import { errorProps, Field, inputCls, type FieldProps } from "./field";

/** A labelled text input with its hint and error. */
export function TextField({ label, id, error, hint, className = inputCls, ...input }: FieldProps & React.InputHTMLAttributes<HTMLInputElement>) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <input id={id} className={className} {...errorProps(id, error)} {...input} />
    </Field>
  );
}

/** A labelled textarea with its hint and error. */
export function TextAreaField({ label, id, error, hint, className = inputCls, ...input }: FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      <textarea id={id} className={className} {...errorProps(id, error)} {...input} />
    </Field>
  );
}
