-- Plain path: nothing further; V1_3 exists on both paths so their version histories line up (the TimescaleDB
-- path creates its continuous aggregates at this version).
select 1;
