import { createElement } from "react";
import { errorProps, Field, inputCls, type FieldProps } from "./field";

type InputProps = FieldProps & React.InputHTMLAttributes<HTMLInputElement>;
type TextAreaProps = FieldProps & React.TextareaHTMLAttributes<HTMLTextAreaElement>;

/** Either control inside its Field, marked invalid and described by the error while it has one. */
function ControlField({
  as,
  label,
  id,
  error,
  hint,
  className = inputCls,
  ...control
}: (InputProps | TextAreaProps) & { as: "input" | "textarea" }) {
  return (
    <Field label={label} htmlFor={id} error={error} hint={hint}>
      {createElement(as, { id, className, ...errorProps(id, error), ...control })}
    </Field>
  );
}

/** A labelled text input with its hint and error. */
export const TextField = (props: InputProps) => <ControlField as="input" {...props} />;

/** A labelled textarea with its hint and error. */
export const TextAreaField = (props: TextAreaProps) => <ControlField as="textarea" {...props} />;
