/** A personal API token as the browser may see it: never the token or its hash. */
export interface ApiTokenDto {
  id: string;
  name: string;
  /** The first characters ("dcl_ab12cd34"), to tell tokens apart. */
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

export interface CreatedApiToken {
  token: ApiTokenDto;
  /** The token itself: returned once, at creation, and never again. */
  plaintext: string;
}
