FROM node:22-slim
RUN npm install -g pnpm@9.12.1
USER node
