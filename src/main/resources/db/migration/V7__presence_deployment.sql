-- Which deployment each node lease belongs to (its broker: type and channel or subject prefix). A node sweeps the
-- dead nodes of its own deployment only: it can tell their watchers (through its broker), a node of another
-- deployment sharing this database could not. '' is a lease written before this version: every node sweeps those.
ALTER TABLE presence_nodes ADD COLUMN deployment TEXT NOT NULL DEFAULT '';
