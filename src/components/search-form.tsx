import { Search } from "lucide-react";

/**
 * The GET search box above every list: it submits `q` (plus any extra controls passed as
 * children, such as a sort select) back to the same page.
 */
export function SearchForm({
  label,
  placeholder,
  defaultValue,
  children,
}: {
  /** Also the accessible name of the form and of the text box, e.g. "Search queues". */
  label: string;
  placeholder: string;
  defaultValue?: string;
  children?: React.ReactNode;
}) {
  const id = `${label.toLowerCase().replace(/[^a-z]+/g, "-")}-q`;
  return (
    <form className="mb-4 flex max-w-xl flex-wrap gap-2" aria-label={label}>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name="q"
        defaultValue={defaultValue}
        placeholder={placeholder}
        className="input max-w-xs flex-1"
      />
      {children}
      <button type="submit" className="btn-secondary">
        <Search className="size-4" aria-hidden /> Search
      </button>
    </form>
  );
}
