import type { ComponentProps, ReactNode } from "react";

type SectionProps = Omit<ComponentProps<"section">, "id" | "title" | "aria-labelledby"> & {
  /** The heading's id; the section is labelled by it. */
  id: string;
  title: ReactNode;
  titleClassName?: string;
};

/** A section named by its own <h2> (aria-labelledby), so screen readers list it as a region by that name. */
export function Section({ id, title, titleClassName = "text-xl font-semibold", children, ...props }: SectionProps) {
  return (
    <section aria-labelledby={id} {...props}>
      <h2 id={id} className={titleClassName}>
        {title}
      </h2>
      {children}
    </section>
  );
}
