FROM node:22-slim
RUN npm i -g typescript
USER node
