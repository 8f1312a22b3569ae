/** Offers to resume an upload a reload (or a failure) interrupted: the person picks the same file again. */
import type { UploadState } from '../../lib/upload/resume-state';
import { formatBytes } from '../../lib/upload/upload-speed';
import { FilePicker } from './FilePicker';

export function ResumeBanner({
  saved,
  sameFileAtHand,
  onFile,
  onResumeAtHand,
  onDiscard,
  disabled,
}: {
  saved: UploadState;
  /** The file already picked is the saved upload's: it can resume without picking again. */
  sameFileAtHand: boolean;
  onFile: (file: File) => void;
  onResumeAtHand: () => void;
  onDiscard: () => void;
  disabled?: boolean;
}) {
  const sent = saved.nextChunk === 0 ? 0 : Math.min(saved.file.size, saved.nextChunk * saved.chunkSize);
  const s = saved.settings;
  return (
    <section className="card resume" aria-labelledby="resume-title">
      <h2 id="resume-title">An upload was interrupted</h2>
      <p>
        <strong>{saved.file.name}</strong>: {formatBytes(sent)} of {formatBytes(saved.file.size)} sent ({saved.nextChunk} of{' '}
        {saved.totalChunks} chunks){saved.startedAt && `, started ${new Date(saved.startedAt).toLocaleString()}`}. Training{' '}
        {s.target ? `target ${s.target}` : 'the last column'} with {s.modelType ?? 'the default family'}
        {s.modelName ? ` as ${s.modelName}` : ''}. Job <code>{saved.trackingId}</code>.
      </p>
      <div className="row">
        {sameFileAtHand ? (
          <button type="button" onClick={onResumeAtHand} disabled={disabled}>
            Resume the upload
          </button>
        ) : (
          <FilePicker
            label={`Pick ${saved.file.name} again to resume`}
            hint="A browser cannot reopen a file by itself: pick the same file and the upload goes on from the next chunk the server does not have."
            onFile={onFile}
            disabled={disabled}
          />
        )}
        <button type="button" className="secondary" onClick={onDiscard} disabled={disabled}>
          Discard it
        </button>
      </div>
    </section>
  );
}
