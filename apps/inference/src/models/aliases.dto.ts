/**
 * The requests and answers of the alias API. Alias names follow MLflow's rules (letters, digits, "_" and
 * "-", at most 255), minus the names MLflow reserves (`latest` in any case, `v<digits>`) and plain
 * numbers, which `models:/` URIs and our routes would read as a version.
 */
import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, Matches, MaxLength, registerDecorator, ValidationArguments, ValidationOptions } from 'class-validator';

const ALIAS_CHARS = /^[A-Za-z0-9_-]+$/;
const LOOKS_LIKE_VERSION = /^(latest|v?\d+)$/i;
export const MAX_ALIAS_LENGTH = 255;

/** Why `alias` cannot name an alias, or null when it can. */
export function aliasNameProblem(alias: unknown): string | null {
  if (typeof alias !== 'string' || alias === '') return 'alias must be a non-empty name';
  if (alias.length > MAX_ALIAS_LENGTH) return `alias must be at most ${MAX_ALIAS_LENGTH} characters`;
  if (!ALIAS_CHARS.test(alias)) return `alias ${JSON.stringify(alias)} may hold only letters, digits, "_" and "-"`;
  if (LOOKS_LIKE_VERSION.test(alias)) {
    return `alias ${JSON.stringify(alias)} is reserved: "latest" and version-like names ("3", "v3") name versions; pick a name such as "champion"`;
  }
  return null;
}

function IsAliasName(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAliasName',
      target: target.constructor,
      propertyName: String(propertyName),
      options,
      validator: {
        validate: (value: unknown) => aliasNameProblem(value) === null,
        defaultMessage: (args?: ValidationArguments) => aliasNameProblem(args?.value) ?? 'alias is invalid',
      },
    });
}

export class AliasParams {
  @ApiProperty({ description: 'Registered model name', example: 'churn' })
  @IsString()
  @MaxLength(256)
  @Matches(/^[^/@\s][^/@]*$/, { message: 'name must be a registered model name (no "/", "@" or leading space)' })
  name!: string;

  @ApiProperty({
    description: 'Alias name: letters, digits, "_" and "-"; not "latest" nor version-like ("3", "v3")',
    example: 'champion',
    maxLength: MAX_ALIAS_LENGTH,
  })
  @IsAliasName()
  alias!: string;
}

export class SetAliasDto {
  @ApiProperty({
    description: 'The registered version the alias points at (a number, as a string)',
    example: '3',
    pattern: '^[1-9][0-9]*$',
  })
  @Transform(({ value }: { value: unknown }) => (typeof value === 'number' ? String(value) : value))
  @IsString({ message: 'version must be a version number such as "3"' })
  @Matches(/^[1-9][0-9]*$/, { message: 'version must be a version number such as "3" (not an alias nor "latest")' })
  version!: string;
}

export class AliasView {
  @ApiProperty({ example: 'churn' }) name!: string;
  @ApiProperty({ example: 'champion' }) alias!: string;
  @ApiProperty({ example: '3', description: 'The version the alias now points at' }) version!: string;
}

export class AliasDeletedView {
  @ApiProperty({ example: 'churn' }) name!: string;
  @ApiProperty({ example: 'champion' }) alias!: string;
  @ApiProperty({ enum: [true], example: true }) deleted!: true;
}
