/** A drop zone that is also a labelled file input (keyboard: Tab to it, Enter/Space opens the picker). */
import { useId, useRef, useState } from 'react';

export function FilePicker({
  label,
  hint,
  onFile,
  disabled,
}: {
  label: string;
  hint?: string;
  onFile: (file: File) => void;
  disabled?: boolean;
}) {
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  const take = (files: FileList | null) => {
    const file = files?.[0];
    if (file) onFile(file);
  };
  return (
    <div
      className={`dropzone${over ? ' over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (!disabled) take(e.dataTransfer.files);
      }}
    >
      <label htmlFor={id}>{label}</label>
      <input
        ref={input}
        id={id}
        type="file"
        accept=".csv,text/csv"
        disabled={disabled}
        onChange={(e) => {
          take(e.target.files);
          e.target.value = ''; // picking the same file again fires again
        }}
      />
      {hint && <p className="hint">{hint}</p>}
    </div>
  );
}
