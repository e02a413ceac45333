//! Availability rules: PodDisruptionBudgets against the workloads they protect.

pub mod blocks_eviction;
pub mod missing;
pub mod no_matching_workload;
pub mod overlapping;
