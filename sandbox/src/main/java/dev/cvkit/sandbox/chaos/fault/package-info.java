/**
 * The fault SPI between the Chaos Studio emulator and what it breaks: the emulator turns an experiment's
 * actions into {@link dev.cvkit.sandbox.chaos.fault.Fault}s and hands them, one target resource at a time, to
 * a {@link dev.cvkit.sandbox.chaos.fault.FaultTarget} (the demo shop implements it), which applies them and
 * returns an {@link dev.cvkit.sandbox.chaos.fault.AppliedFault} handle that removes them.
 */
package dev.cvkit.sandbox.chaos.fault;
