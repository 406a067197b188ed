/** Timers: durable timer rows, the engine that claims and fires them, and the TimerHandler each domain implements. */
package io.tocsin.routing.timer;
