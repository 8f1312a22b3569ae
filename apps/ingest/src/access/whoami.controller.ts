import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { AppConfig } from '@modelstream/config';
import { Caller, NeedsKey, Principal, SCOPES } from '@modelstream/auth';

export class WhoAmIView {
  @ApiProperty({ enum: ['required', 'off'], description: 'Whether the platform asks for keys (AUTH)' }) auth!: 'required' | 'off';
  @ApiProperty({ description: 'The owner the key acts for (legacy with AUTH=off)' }) ownerId!: string;
  @ApiProperty({ description: "The key's name" }) keyName!: string;
  @ApiProperty({ description: "The key's id (the first 16 hex digits of its SHA-256; local with AUTH=off)" }) keyId!: string;
  @ApiProperty({ enum: SCOPES, isArray: true }) scopes!: string[];
  @ApiProperty({ description: 'Whether the key reaches every owner and the operator routes' }) admin!: boolean;
}

@ApiTags('access')
@NeedsKey()
@Controller('api/auth')
export class WhoAmIController {
  constructor(private readonly config: AppConfig) {}

  @Get('me')
  @ApiOperation({ summary: 'Who the API key is: its owner, name and scopes (the portal’s login checks a key with it)' })
  @ApiOkResponse({ type: WhoAmIView })
  me(@Caller() caller: Principal): WhoAmIView {
    const { ownerId, keyName, keyId, scopes, admin } = caller;
    return { auth: this.config.AUTH, ownerId, keyName, keyId, scopes: [...scopes], admin };
  }
}
