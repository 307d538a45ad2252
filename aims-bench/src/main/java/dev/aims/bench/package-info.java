/** JMH benchmarks of AIMS and the baselines they are compared against in the same run. */
package dev.aims.bench;
