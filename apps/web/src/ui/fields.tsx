import {
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
  Select,
  SelectOption,
  Textarea,
  Textbox,
} from '@utrecht/component-library-react';
import type { ReactNode } from 'react';

// Form fields with the label, help text and error tied to the control (WCAG 1.3.1, 3.3.1):
// the error is part of the control's accessible description and the control is aria-invalid.

interface Common {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: string;
  required?: boolean;
}

function describedBy(id: string, description?: ReactNode, error?: string, extra?: string): string | undefined {
  const ids = [description ? `${id}-hulp` : null, error ? `${id}-fout` : null, extra ?? null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

function Label({ id, label, required }: Pick<Common, 'id' | 'label' | 'required'>) {
  return (
    <FormLabel htmlFor={id}>
      {label}
      {!required && <span className="schakel-muted"> (niet verplicht)</span>}
    </FormLabel>
  );
}

function Help({ id, description }: Pick<Common, 'id' | 'description'>) {
  return description ? <FormFieldDescription id={`${id}-hulp`}>{description}</FormFieldDescription> : null;
}

function ErrorText({ id, error }: Pick<Common, 'id' | 'error'>) {
  return error ? (
    <FormFieldErrorMessage id={`${id}-fout`} className="schakel-field-error">
      {error}
    </FormFieldErrorMessage>
  ) : null;
}

/** Label, help and error above a control, the frame every labelled field shares. */
function LabelledField({ id, label, description, error, required, children }: Common & { children: ReactNode }) {
  return (
    <FormField invalid={Boolean(error)} className="schakel-field">
      <Label id={id} label={label} required={required} />
      <Help id={id} description={description} />
      <ErrorText id={id} error={error} />
      {children}
    </FormField>
  );
}

/** The attributes that tie a control to its label, help and error. */
function controlProps({ id, description, error, required }: Common, extraDescription?: string) {
  return {
    id,
    name: id,
    invalid: Boolean(error),
    'aria-invalid': error ? true : undefined,
    'aria-required': required || undefined,
    'aria-describedby': describedBy(id, description, error, extraDescription),
  } as const;
}

export function TextField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  type = 'text',
  autoComplete,
  inputMode,
  status,
  maxLength,
}: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'tel' | 'email';
  autoComplete?: string;
  inputMode?: 'numeric' | 'tel' | 'email' | 'text';
  /** A live note under the field (e.g. the BSN check while typing). */
  status?: ReactNode;
  maxLength?: number;
}) {
  const common = { id, label, description, error, required };
  return (
    <LabelledField {...common}>
      <Textbox
        {...controlProps(common, status ? `${id}-status` : undefined)}
        type={type}
        value={value}
        autoComplete={autoComplete}
        inputMode={inputMode}
        maxLength={maxLength}
        onChange={(e) => onChange(e.target.value)}
      />
      {status && (
        <div id={`${id}-status`} className="schakel-field-status" aria-live="polite">
          {status}
        </div>
      )}
    </LabelledField>
  );
}

export function TextAreaField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  rows = 6,
  maxLength,
}: Common & { value: string; onChange: (value: string) => void; rows?: number; maxLength?: number }) {
  const common = { id, label, description, error, required };
  return (
    <LabelledField {...common}>
      <Textarea {...controlProps(common)} rows={rows} value={value} maxLength={maxLength} onChange={(e) => onChange(e.target.value)} />
    </LabelledField>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  options,
  placeholder,
}: Common & { value: string; onChange: (value: string) => void; options: Option[]; placeholder?: string }) {
  const common = { id, label, description, error, required };
  return (
    <LabelledField {...common}>
      <Select {...controlProps(common)} value={value} onChange={(e) => onChange(e.target.value)}>
        {placeholder !== undefined && <SelectOption value="">{placeholder}</SelectOption>}
        {options.map((o) => (
          <SelectOption key={o.value} value={o.value}>
            {o.label}
          </SelectOption>
        ))}
      </Select>
    </LabelledField>
  );
}

export function CheckboxField({
  id,
  label,
  description,
  error,
  checked,
  onChange,
}: Omit<Common, 'required'> & { checked: boolean; onChange: (checked: boolean) => void }) {
  return (
    <FormField invalid={Boolean(error)} className="schakel-field schakel-field--checkbox">
      <ErrorText id={id} error={error} />
      <div className="schakel-checkbox-row">
        <Checkbox
          id={id}
          name={id}
          checked={checked}
          invalid={Boolean(error)}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, description, error)}
          onChange={(e) => onChange(e.target.checked)}
        />
        <FormLabel htmlFor={id} type="checkbox" checked={checked}>
          {label}
        </FormLabel>
      </div>
      <Help id={id} description={description} />
    </FormField>
  );
}

export function RadioGroupField({
  id,
  label,
  description,
  error,
  required,
  value,
  onChange,
  options,
}: Common & { value: string; onChange: (value: string) => void; options: Option[] }) {
  return (
    <Fieldset
      invalid={Boolean(error)}
      aria-describedby={describedBy(id, description, error)}
      className="schakel-field"
      id={id}
      role="radiogroup"
      // Fieldset puts role, aria-required and aria-invalid (from `invalid`) on its <fieldset>; raw
      // aria-* props would land on its wrapping <div>, where aria-required is not allowed.
      required={required}
    >
      <FieldsetLegend>
        {label}
        {!required && <span className="schakel-muted"> (niet verplicht)</span>}
      </FieldsetLegend>
      <Help id={id} description={description} />
      <ErrorText id={id} error={error} />
      {options.map((o) => (
        <div key={o.value} className="schakel-radio-row">
          <RadioButton
            id={`${id}-${o.value}`}
            name={id}
            value={o.value}
            checked={value === o.value}
            invalid={Boolean(error)}
            onChange={() => onChange(o.value)}
          />
          <FormLabel htmlFor={`${id}-${o.value}`} type="radio" checked={value === o.value}>
            {o.label}
          </FormLabel>
        </div>
      ))}
    </Fieldset>
  );
}

/**
 * Moves focus to a field by id. For a radio group or checkbox row the id is on a wrapper that
 * cannot take focus, so focus goes to its checked (or first) control.
 */
export function focusField(id: string): boolean {
  const element = document.getElementById(id);
  if (!element) return false;
  const target = element.matches('input, select, textarea, button')
    ? element
    : element.querySelector<HTMLElement>('input:checked, input, select, textarea');
  if (!target) return false;
  target.focus();
  target.scrollIntoView({ block: 'center' });
  return true;
}

/** A list of all problems at the top of a form, each linking to its field (WCAG 3.3.1). */
export function ErrorSummary({ errors, labels, general, id }: { errors: Record<string, string>; labels: Record<string, string>; general: string[]; id: string }) {
  const entries = Object.entries(errors);
  if (entries.length === 0 && general.length === 0) return null;
  return (
    <div className="schakel-error-summary" role="alert" id={id} tabIndex={-1} aria-labelledby={`${id}-titel`}>
      <h2 id={`${id}-titel`} className="utrecht-heading-2">
        Er {entries.length + general.length === 1 ? 'is 1 probleem' : `zijn ${entries.length + general.length} problemen`}
      </h2>
      <ul>
        {general.map((g) => (
          <li key={g}>{g}</li>
        ))}
        {entries.map(([field, message]) => (
          <li key={field}>
            <a
              href={`#${field}`}
              className="utrecht-link"
              onClick={(event) => {
                if (focusField(field)) event.preventDefault();
              }}
            >
              {labels[field] ?? field}: {message}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
