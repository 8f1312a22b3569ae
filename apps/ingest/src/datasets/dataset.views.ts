/** A dataset row as the events and the API show it. */
import { DatasetManifest } from '@modelstream/contracts';
import { DatasetEntity } from '@modelstream/storage';
import { ColumnProfile } from './dataset-profile';
import { DatasetView } from './datasets.dto';

export function manifestOf(dataset: DatasetEntity): DatasetManifest & { datasetId: string } {
  return {
    datasetId: dataset.datasetId,
    bucket: dataset.bucket,
    objectKeys: JSON.parse(dataset.objectKeys) as string[],
    size: dataset.size,
    sha256: dataset.sha256,
    columns: columnNamesOf(dataset),
  };
}

export function profileOf(dataset: DatasetEntity): ColumnProfile[] {
  return JSON.parse(dataset.columnsJson) as ColumnProfile[];
}

export function toView(dataset: DatasetEntity): DatasetView {
  return {
    datasetId: dataset.datasetId,
    filename: dataset.filename,
    sha256: dataset.sha256,
    size: dataset.size,
    storageBytes: dataset.size,
    rows: dataset.rows,
    columns: profileOf(dataset),
    createdAt: dataset.createdAt.toISOString(),
    trackingId: dataset.sourceTrackingId,
    bucket: dataset.bucket,
    objectKeys: JSON.parse(dataset.objectKeys) as string[],
  };
}

export function columnNamesOf(dataset: DatasetEntity): string[] {
  return profileOf(dataset).map((c) => c.name);
}
