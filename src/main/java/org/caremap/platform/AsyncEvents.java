package org.caremap.platform;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableAsync;

/**
 * Modules hear of each other's events after the publisher's transaction commits, on a thread of their own
 * ({@code @ApplicationModuleListener}): the publication is stored with the change (Spring Modulith's JDBC registry),
 * marked complete when the listener has done its work, and published again on the next start if a node died first.
 */
@Configuration(proxyBeanMethods = false)
@EnableAsync
class AsyncEvents {
}
