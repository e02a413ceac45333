FROM node:22-slim
WORKDIR /app
USER node
CMD ["node", "server.js"]
