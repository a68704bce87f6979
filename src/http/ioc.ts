import type { IocContainer, IocContainerFactory, ServiceIdentifier } from '@tsoa/runtime';
import type { Request } from 'express';

export type ControllerFactories = Map<unknown, () => unknown>;

/**
 * tsoa keeps a response's status and headers on the controller instance, so each request gets a
 * fresh controller from the factory the composition root put on the app (never a global).
 */
export const iocContainer: IocContainerFactory<Request> = (request: Request): IocContainer => ({
  get<T>(controller: ServiceIdentifier<T>): T {
    const factory = (request.app.locals.controllers as ControllerFactories | undefined)?.get(controller);
    if (!factory) throw new Error(`controller not registered: ${String((controller as { name?: string }).name ?? controller)}`);
    return factory() as T;
  },
});
