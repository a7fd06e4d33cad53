import { buttonCls } from "./button-styles";

type Props = React.ButtonHTMLAttributes<HTMLButtonElement> & {
  /** While the action runs: disabled, and saying so. */
  pending: boolean;
  pendingLabel?: string;
};

/** The button that runs a form's (or a dialog's) action. */
export function SubmitButton({
  pending,
  pendingLabel = "Please wait…",
  disabled,
  type = "submit",
  className = buttonCls,
  children,
  ...rest
}: Props) {
  return (
    <button type={type} disabled={pending || disabled} className={className} {...rest}>
      {pending ? pendingLabel : children}
    </button>
  );
}
