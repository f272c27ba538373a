import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, type IssuedToken, LocalTokenService, Public } from '@schakel/platform';
import { EmployeesService } from '../employees.service';

/**
 * The built-in development issuer: a token for a seeded employee by username alone.
 * Outside production only; in production the route answers 404 as if it did not exist.
 */
@Controller('auth/dev')
export class DevTokenController {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly employees: EmployeesService,
    private readonly tokens: LocalTokenService,
  ) {}

  @Public()
  @Post('token')
  @HttpCode(200)
  async token(@Body() body: unknown): Promise<IssuedToken> {
    if (this.config.NODE_ENV === 'production') {
      throw AppError.notFound({ nl: 'Deze route', en: 'This route' });
    }
    const username = (body as { username?: unknown } | undefined)?.username;
    if (typeof username !== 'string' || username.trim().length === 0) {
      throw AppError.badInput({
        nl: 'Geef een gebruikersnaam mee: {"username":"balie@tilburg.demo"}.',
        en: 'Send a username: {"username":"balie@tilburg.demo"}.',
      });
    }
    const employee = await this.employees.findActiveByUsername(username);
    if (!employee) {
      throw AppError.unauthenticated({
        nl: 'Onbekende of niet-actieve medewerker.',
        en: 'Unknown or inactive employee.',
      });
    }
    return this.tokens.issue(employee.id, { org: employee.organisationId });
  }
}
