/**
 * What the sources' service actors share: {@link io.watchsim.sources.service.SourceService}, the
 * answering of calls once their kernel work is done, their faults, the making of new objects'
 * actors, and the policy lane of their control messages.
 */
package io.watchsim.sources.service;
