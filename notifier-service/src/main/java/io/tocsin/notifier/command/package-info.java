/** Turning responders' answers into commands for routing. */
package io.tocsin.notifier.command;
