//! Frontend (placeholder until the import issue lands).
