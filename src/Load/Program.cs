// Entry point of the load harness; filled in by the load-harness work.
return 0;
