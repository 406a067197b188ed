/** Amazon CloudWatch alarms through SNS, with SNS signature checks. */
package io.tocsin.ingest.cloudwatch;
