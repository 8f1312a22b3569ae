/** The shapes of MLflow's REST API (2.0 paths, served by MLflow 3) that modelstream uses. */
export interface MlflowTag {
  key: string;
  value: string;
}
export interface MlflowMetric {
  key: string;
  value: number;
  timestamp: number;
  step: number;
}
export interface MlflowParam {
  key: string;
  value: string;
}
export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
}
export type RunStatus = 'RUNNING' | 'SCHEDULED' | 'FINISHED' | 'FAILED' | 'KILLED';
export interface MlflowRun {
  info: {
    run_id: string;
    run_name?: string;
    experiment_id: string;
    status: RunStatus;
    start_time?: number;
    end_time?: number;
    artifact_uri: string;
    lifecycle_stage?: string;
  };
  data: { metrics?: MlflowMetric[]; params?: MlflowParam[]; tags?: MlflowTag[] };
}
export interface MlflowFileInfo {
  path: string;
  is_dir: boolean;
  file_size?: number | string;
}
export type ModelVersionStatus = 'PENDING_REGISTRATION' | 'FAILED_REGISTRATION' | 'READY';
export interface MlflowModelVersion {
  name: string;
  version: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  current_stage?: string;
  description?: string;
  source: string;
  run_id?: string;
  status: ModelVersionStatus;
  status_message?: string;
  tags?: MlflowTag[];
  aliases?: string[];
}
export interface MlflowRegisteredModel {
  name: string;
  creation_timestamp?: number;
  last_updated_timestamp?: number;
  description?: string;
  latest_versions?: MlflowModelVersion[];
  aliases?: { alias: string; version: string }[];
  tags?: MlflowTag[];
}
