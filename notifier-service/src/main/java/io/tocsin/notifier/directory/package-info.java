/** The notifier's copy of contact methods, from routing's announcements. */
package io.tocsin.notifier.directory;
