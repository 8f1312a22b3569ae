/**
 * docker-compose's first admin: with AUTH=required and ADMIN_API_KEY set, ingest registers that key at start
 * (owner `admin`, scope admin). Starting again changes nothing; a revoked ADMIN_API_KEY stays revoked.
 */
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ApiKeyStore } from '@modelstream/auth';
import { AppConfig } from '@modelstream/config';

@Injectable()
export class AdminKeyBootstrap implements OnApplicationBootstrap {
  private readonly logger = new Logger(AdminKeyBootstrap.name);

  constructor(
    private readonly config: AppConfig,
    private readonly ds: DataSource,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.AUTH !== 'required' || !this.config.ADMIN_API_KEY) return;
    const { record, created } = await new ApiKeyStore(this.ds).create({
      key: this.config.ADMIN_API_KEY,
      name: 'admin',
      ownerId: 'admin',
      scopes: ['admin'],
      createdBy: 'ADMIN_API_KEY',
    });
    this.logger.log({
      keyId: record.keyId,
      revoked: record.revokedAt !== null,
      msg: created ? 'registered the ADMIN_API_KEY admin key' : 'the ADMIN_API_KEY admin key is registered already',
    });
  }
}
