import type { Request as ExpressRequest } from 'express';
import { Body, Controller, Delete, Get, Middlewares, Path, Post, Request, Response, Route, Security, SuccessResponse, Tags } from '@tsoa/runtime';
import { requireJsonBody } from '../http/json-body.js';
import type { MintedToken, TokenInput, TokenRecord, TokenService } from './tokens.js';
import { principalOf } from '../auth/principal.js';
import type { Problem } from '../http/problem.js';
import type { ResourceId } from '../api/model.js';

@Route('v1/tokens')
@Tags('tokens')
export class TokensController extends Controller {
  constructor(private readonly tokens: TokenService) {
    super();
  }

  /**
   * Mints a named token for an integration, with its scopes and expiry. The JWT is in this answer
   * only; its `jti` is the token's `id`, which revokes it.
   * @summary Mint an integration token
   */
  @Post()
  @Middlewares(requireJsonBody)
  @Security('bearer', ['admin'])
  @SuccessResponse(201, 'Created; `token` is shown this once')
  @Response<Problem>(503, 'This server verifies tokens with a public key or JWKS and cannot sign them')
  public async createToken(@Body() body: TokenInput, @Request() req: ExpressRequest): Promise<MintedToken> {
    const minted = await this.tokens.create(principalOf(req), body);
    this.setStatus(201);
    return minted;
  }

  /**
   * The integration tokens minted here, newest first, revoked and expired ones included; never the JWTs.
   * @summary List integration tokens
   */
  @Get()
  @Security('bearer', ['admin'])
  public listTokens(): TokenRecord[] {
    return this.tokens.list();
  }

  /**
   * Revokes a token: refused from the next request on. Idempotent.
   * @summary Revoke an integration token
   */
  @Delete('{id}')
  @Security('bearer', ['admin'])
  @SuccessResponse(204, 'Revoked')
  @Response<Problem>(404, 'No such token')
  public revokeToken(@Path() id: ResourceId): void {
    this.tokens.revoke(id);
    this.setStatus(204);
  }
}
