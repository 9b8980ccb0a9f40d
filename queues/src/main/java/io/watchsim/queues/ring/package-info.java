/**
 * The ring of a notification pipe as a plain, single-owner model: sizing, filtering, insertion
 * with loss marking, and read() in whole records. The {@code NotificationQueue} actor owns one.
 */
package io.watchsim.queues.ring;
