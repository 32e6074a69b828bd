/**
 * The topic catalog, in one place: every topic's name, key format, record type, partitioning, cleanup
 * policy and retention ({@link dev.dashmech.schemas.topic.TopicCatalog},
 * {@link dev.dashmech.schemas.topic.TopicSpec}); the keys ({@link dev.dashmech.schemas.topic.MarketKeys},
 * {@link dev.dashmech.schemas.topic.AgentKey}, {@link dev.dashmech.schemas.topic.DashboardKey}) and the
 * partitioning by market that keeps one market's loop in one task
 * ({@link dev.dashmech.schemas.topic.MarketPartitioner}); and the idempotent "ensure topics" step
 * ({@link dev.dashmech.schemas.topic.TopicProvisioner}, planned by
 * {@link dev.dashmech.schemas.topic.TopicPlanner}) that creates what is missing and refuses a layout that
 * breaks co-partitioning or compaction.
 */
package dev.dashmech.schemas.topic;
