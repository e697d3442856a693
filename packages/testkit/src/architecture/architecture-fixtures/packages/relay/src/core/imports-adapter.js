import '@marginalia/storage-sqlite';
