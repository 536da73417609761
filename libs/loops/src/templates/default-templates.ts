/** A round of a seeded template, naming pillars by key. */
export interface DefaultTemplateRound {
  title: string;
  durationMinutes: number;
  pillarKeys: string[];
  questionCount: number;
  /** Tags of the seeded questions (libs/question-bank/src/seed) that planning prefers for the round. */
  tags: string[];
}

export interface DefaultTemplate {
  name: string;
  description: string;
  rounds: DefaultTemplateRound[];
}

/**
 * The two loops every new organization starts with, after the article: both cover the four pillars; the AI Engineer
 * onsite spends more of its time on AI system design, the ML Engineer onsite on coding and the model lifecycle.
 */
export const DEFAULT_TEMPLATES: DefaultTemplate[] = [
  {
    name: 'AI Engineer onsite',
    description:
      'For engineers who build products on top of models: foundations, practical coding, and two rounds of AI system design (retrieval, evaluation, serving, cost and safety trade-offs).',
    rounds: [
      {
        title: 'ML and AI foundations',
        durationMinutes: 45,
        pillarKeys: ['foundations'],
        questionCount: 3,
        tags: ['transformers', 'llm', 'embeddings', 'ml-theory'],
      },
      {
        title: 'Practical coding: build an LLM-backed feature',
        durationMinutes: 60,
        pillarKeys: ['coding'],
        questionCount: 2,
        tags: ['llm-integration', 'structured-output', 'rag', 'vector-search'],
      },
      {
        title: 'AI system design',
        durationMinutes: 75,
        pillarKeys: ['system-design'],
        questionCount: 2,
        tags: ['llm', 'rag', 'vector-search', 'llm-agents'],
      },
      {
        title: 'AI system design deep dive: evaluation and operations',
        durationMinutes: 60,
        pillarKeys: ['system-design'],
        questionCount: 2,
        tags: ['llm-evaluation', 'monitoring', 'cost-optimization', 'latency', 'model-serving'],
      },
      {
        title: 'Behavioral and project deep dive',
        durationMinutes: 45,
        pillarKeys: ['behavioral'],
        questionCount: 3,
        tags: ['project-deep-dive', 'ownership', 'product-thinking'],
      },
    ],
  },
  {
    name: 'ML Engineer onsite',
    description:
      'For engineers who train, ship and run models: two coding rounds, ML foundations, and the model lifecycle from data and training to deployment and monitoring.',
    rounds: [
      {
        title: 'Coding: data structures and algorithms',
        durationMinutes: 60,
        pillarKeys: ['coding'],
        questionCount: 2,
        tags: ['algorithms-from-scratch'],
      },
      {
        title: 'Coding: implement and debug a model',
        durationMinutes: 60,
        pillarKeys: ['coding', 'foundations'],
        questionCount: 2,
        tags: ['pytorch', 'training-loop', 'gradient-descent', 'optimization', 'training'],
      },
      {
        title: 'ML foundations',
        durationMinutes: 45,
        pillarKeys: ['foundations'],
        questionCount: 3,
        tags: ['ml-theory', 'bias-variance', 'data-leakage', 'optimization', 'evaluation-metrics'],
      },
      {
        title: 'Model lifecycle design: data, training, deployment, monitoring',
        durationMinutes: 60,
        pillarKeys: ['system-design'],
        questionCount: 2,
        tags: ['mlops', 'monitoring', 'feature-store', 'continuous-training', 'deployment'],
      },
      {
        title: 'Behavioral and project deep dive',
        durationMinutes: 45,
        pillarKeys: ['behavioral'],
        questionCount: 3,
        tags: ['project-deep-dive', 'production-ml', 'ownership'],
      },
    ],
  },
];
